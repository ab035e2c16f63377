using System.Reflection;
using Platform.Testing;

namespace Platform.Email.Tests.Architecture;

/// <summary>Hexagonal: the core knows its ports, never the adapters (MailKit, Npgsql, ASP.NET Core) behind them.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Email = typeof(Platform.Email.Domain.OutgoingMail).Assembly;

    [Fact]
    public void The_mail_domain_depends_on_no_framework_and_no_other_layer() =>
        LayerRules.AssertHasNoDependencies(Email, "Platform.Email.Domain",
            ["MailKit", "MimeKit", "Npgsql", "MassTransit", "Microsoft.AspNetCore", "Microsoft.Extensions",
             "Platform.Email.Application", "Platform.Email.Infrastructure", "Platform.Email.Api", "Platform.Contracts"]);

    [Fact]
    public void The_mail_application_layer_knows_no_adapter() =>
        LayerRules.AssertHasNoDependencies(Email, "Platform.Email.Application",
            ["MailKit", "MimeKit", "Npgsql", "Microsoft.AspNetCore", "Platform.Email.Infrastructure", "Platform.Email.Api"]);

    [Fact]
    public void The_mail_api_reads_through_the_application_port() =>
        LayerRules.AssertHasNoDependencies(Email, "Platform.Email.Api", ["Npgsql", "MailKit", "Platform.Email.Infrastructure"]);
}
