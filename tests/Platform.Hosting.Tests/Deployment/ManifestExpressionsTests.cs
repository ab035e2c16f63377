using Platform.Deploy.Manifest;

namespace Platform.Hosting.Tests.Deployment;

public sealed class ManifestExpressionsTests
{
    private readonly ManifestExpressions expressions = new(SampleManifest.Parse(), SampleManifest.Parameters);

    [Fact]
    public void A_binding_is_reached_by_the_resource_name_on_the_port_its_process_listens_on()
    {
        Assert.Equal(new ResolvedValue("http://user-command:8080", false), expressions.Resolve("{user-command.bindings.http.url}"));
        Assert.Equal(new ResolvedValue("postgres:5432", false), expressions.Resolve("{postgres.bindings.tcp.host}:{postgres.bindings.tcp.port}"));
        Assert.Equal(new ResolvedValue("8080", false), expressions.Resolve("{user-command.bindings.http.targetPort}"));
    }

    [Fact]
    public void A_connection_string_is_resolved_through_every_resource_it_names_and_is_secret_when_it_holds_a_password()
    {
        Assert.Equal(
            new ResolvedValue($"Host=postgres;Port=5432;Username=postgres;Password={SampleManifest.Password};Database=usercommand", true),
            expressions.Resolve("{usercommand-db.connectionString}"));
    }

    [Fact]
    public void The_uri_filter_percent_encodes_the_password_inside_a_uri()
    {
        Assert.Equal("postgresql://postgres:p%40ss%20word@postgres:5432/usercommand",
            expressions.Resolve("postgresql://postgres:{postgres-password-uri-encoded.value}@{postgres.bindings.tcp.host}:{postgres.bindings.tcp.port}/usercommand").Text);
    }

    [Fact]
    public void An_unknown_resource_or_binding_is_named_in_the_error()
    {
        Assert.Contains("'mailer'", Assert.Throws<KeyNotFoundException>(() => expressions.Resolve("{mailer.connectionString}")).Message);
        Assert.Contains("no binding 'grpc'", Assert.Throws<FormatException>(() => expressions.Resolve("{gateway.bindings.grpc.url}")).Message);
    }
}
