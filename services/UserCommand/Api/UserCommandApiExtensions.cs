using Platform.UserCommand.Application.ChangingEmail;
using Platform.UserCommand.Application.ErasingUser;
using Platform.UserCommand.Application.KeepingEmailsUnique;
using Platform.UserCommand.Application.RegisteringUser;

namespace Platform.UserCommand.Api;

public static class UserCommandApiExtensions
{
    /// <summary>The HTTP API's use cases and the user's refusals as problem+json.</summary>
    public static IHostApplicationBuilder AddUserCommandApi(this IHostApplicationBuilder builder)
    {
        builder.AddRegistration();
        builder.Services.AddScoped<AddressChanges>();
        builder.Services.AddScoped<ChangeUserEmailHandler>();
        builder.Services.AddScoped<EmailChangeHandlers>();
        builder.Services.AddScoped<EraseUserHandler>();
        return builder;
    }

    /// <summary>The registration's use case and its refusals as problem+json, wherever it is hosted (user-command, or the register-user function).</summary>
    public static IHostApplicationBuilder AddRegistration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<RefusalProblemHandler>();
        builder.Services.AddScoped<RegisterUserHandler>();
        return builder;
    }
}
