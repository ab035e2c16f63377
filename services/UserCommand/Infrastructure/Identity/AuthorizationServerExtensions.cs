using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.ServiceDefaults.Migrations;
using Platform.UserCommand.Application.ActivatingAccount;
using Platform.UserCommand.Application.ChangingEmail;
using Platform.UserCommand.Application.SigningIn;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.UserCommand.Infrastructure.Identity;

public static class AuthorizationServerExtensions
{
    /// <summary>
    /// The users' accounts in the directory, and the codes that activate them and confirm their addresses: what a
    /// registration needs wherever it is hosted (user-command, or the register-user function).
    /// </summary>
    public static IHostApplicationBuilder AddUserAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<IdentityOptions>(builder.Configuration.GetSection(IdentityOptions.Section));
        builder.Services.Configure<ActivationOptions>(builder.Configuration.GetSection(ActivationOptions.Section));
        builder.Services.AddSingleton<ActivationCodes>();
        builder.Services.AddSingleton<EmailChangeCodes>();
        builder.Services.AddSingleton<IPasswordHashing, IdentityPasswordHashing>();
        builder.Services.AddScoped<IAccounts, MartenAccounts>();
        return builder;
    }

    /// <summary>
    /// The users' accounts and the OpenID Connect server on them (ADR 0036): credentials beside the email index
    /// (Marten), OpenIddict's stores (EF Core, same database), signed JWT access tokens of five minutes validated
    /// through the JWKS, refresh tokens that can be revoked, the password and client-credentials grants, and the
    /// clients it serves. The issuer is the gateway's public address, through which discovery and the JWKS are served.
    /// </summary>
    public static IHostApplicationBuilder AddAuthorizationServer(this IHostApplicationBuilder builder)
    {
        builder.AddUserAccounts();
        builder.AddDatabaseMigrations("user-command", typeof(AuthorizationDbContext).Assembly); // OpenIddict's tables
        var identity = builder.Configuration.GetSection(IdentityOptions.Section).Get<IdentityOptions>() ?? new IdentityOptions();
        IssuerRules.Check(identity.PublicAddress, builder.Environment.IsDevelopment());

        builder.Services.AddScoped<ActivateAccountHandler>();
        builder.Services.AddScoped<SignInHandler>();

        builder.Services.AddDbContext<AuthorizationDbContext>((services, db) =>
        {
            db.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>());
            db.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AuthorizationDbContext>())
            .AddServer(server =>
            {
                if (identity.PublicAddress is { } issuer)
                    server.SetIssuer(issuer);
                server.SetTokenEndpointUris("connect/token")
                    .SetAuthorizationEndpointUris("connect/authorize")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks");
                server.AllowPasswordFlow().AllowClientCredentialsFlow().AllowRefreshTokenFlow();
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange(); // the pages: a browser holds no secret
                server.RegisterScopes(Scopes.OpenId, Scopes.OfflineAccess, Scopes.Roles, ClientRegistrations.ApiScope);
                server.SetAccessTokenLifetime(identity.AccessTokenLifetime).SetRefreshTokenLifetime(identity.RefreshTokenLifetime);
                // Access tokens are signed JWTs that any service validates with the JWKS; only the server reads the rest.
                server.AddSigningKey(IdentityKeys.Signing(identity.SigningKey)).AddEncryptionKey(IdentityKeys.Encryption(identity.SigningKey));
                server.DisableAccessTokenEncryption();
                // The gateway terminates TLS (the issuer is https outside a local run, IssuerRules); the server is reached over the private network behind it.
                server.UseAspNetCore().EnableTokenEndpointPassthrough().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        // The browser's sign-in session with the server, for the authorization code flow: a cookie on /connect only.
        builder.Services.AddAuthentication().AddCookie(SignInSession.Scheme, cookie =>
        {
            cookie.LoginPath = SignInSession.LoginPath;
            cookie.Cookie.Name = "platform.signin";
            cookie.Cookie.Path = "/connect";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(1);
        });
        builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.Path = "/connect");
        builder.Services.AddHostedService<ClientRegistrations>();
        return builder;
    }
}
