using System.Reflection;
using NetArchTest.Rules;

namespace Platform.Email.Tests.Architecture;

/// <summary>Hexagonal: the core knows its ports, never the adapters (MailKit, Npgsql, ASP.NET Core) behind them.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Email = typeof(Platform.Email.Domain.OutgoingMail).Assembly;

    [Fact]
    public void The_mail_domain_depends_on_no_framework_and_no_other_layer() =>
        AssertHasNoDependencies("Platform.Email.Domain",
            ["MailKit", "MimeKit", "Npgsql", "MassTransit", "Microsoft.AspNetCore", "Microsoft.Extensions",
             "Platform.Email.Application", "Platform.Email.Infrastructure", "Platform.Email.Api", "Platform.Contracts"]);

    [Fact]
    public void The_mail_application_layer_knows_no_adapter() =>
        AssertHasNoDependencies("Platform.Email.Application",
            ["MailKit", "MimeKit", "Npgsql", "Microsoft.AspNetCore", "Platform.Email.Infrastructure", "Platform.Email.Api"]);

    [Fact]
    public void The_mail_api_reads_through_the_application_port() =>
        AssertHasNoDependencies("Platform.Email.Api", ["Npgsql", "MailKit", "Platform.Email.Infrastructure"]);

    private static void AssertHasNoDependencies(string layer, string[] forbidden)
    {
        var types = Types.InAssembly(Email).That().ResideInNamespace(layer);
        Assert.NotEmpty(types.GetTypes());

        var result = types.ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful,
            $"{layer} must not depend on {string.Join(", ", forbidden)}; offenders: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
