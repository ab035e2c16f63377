using Platform.Deploy.Manifest;

namespace Platform.Hosting.Tests.Deployment;

/// <summary>A manifest of the AppHost's shape, small enough to read: a server with a password, a database, two services.</summary>
public static class SampleManifest
{
    public const string Password = "p@ss word";

    public static readonly IReadOnlyDictionary<string, string> Parameters = new Dictionary<string, string>
    {
        ["postgres-password"] = Password,
        ["dashboard-browser-token"] = "token",
        ["dashboard-api-key"] = "key",
    };

    public static AspireManifest Parse() => AspireManifest.Parse("""
        {
          "resources": {
            "postgres": {
              "type": "container.v0",
              "connectionString": "Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=postgres;Password={postgres-password.value}",
              "image": "localhost/platform/postgres:dev",
              "volumes": [ { "name": "apphost-1234-postgres-data", "target": "/var/lib/postgresql/data", "readOnly": false } ],
              "env": { "POSTGRES_USER": "postgres", "POSTGRES_PASSWORD": "{postgres-password.value}" },
              "bindings": { "tcp": { "scheme": "tcp", "protocol": "tcp", "transport": "tcp", "port": 54320, "targetPort": 5432 } }
            },
            "postgres-password": {
              "type": "parameter.v0", "value": "{postgres-password.inputs.value}",
              "inputs": { "value": { "type": "string", "secret": true, "default": { "generate": { "minLength": 22 } } } }
            },
            "postgres-password-uri-encoded": { "type": "annotated.string", "value": "{postgres-password.value}", "filter": "uri" },
            "usercommand-db": { "type": "value.v0", "connectionString": "{postgres.connectionString};Database=usercommand" },
            "user-command": {
              "type": "project.v0",
              "path": "../services/UserCommand/Platform.UserCommand.csproj",
              "env": {
                "HTTP_PORTS": "{user-command.bindings.http.targetPort}",
                "ConnectionStrings__usercommand-db": "{usercommand-db.connectionString}",
                "USERCOMMAND_DB_URI": "postgresql://postgres:{postgres-password-uri-encoded.value}@{postgres.bindings.tcp.host}:{postgres.bindings.tcp.port}/usercommand",
                "Identity__PublicAddress": "{gateway.bindings.http.url}"
              },
              "bindings": { "http": { "scheme": "http", "protocol": "tcp", "transport": "http" } }
            },
            "gateway": {
              "type": "project.v0",
              "path": "../gateway/Platform.Gateway.csproj",
              "env": { "services__user-command__http__0": "{user-command.bindings.http.url}" },
              "bindings": { "http": { "scheme": "http", "protocol": "tcp", "transport": "http", "targetPort": 8080, "external": true } }
            }
          }
        }
        """);
}
