using System.Net;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Observability;

/// <summary>A clone in a folder only its owner may enter (/root, mktemp -d): the fixture's data folder sits in one.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PrivateCloneTests(PlatformFixture platform)
{
    [LocalProcessesFact]
    public async Task The_servers_data_moves_where_postgres_can_enter_it_and_the_gateway_serves_users()
    {
        if (Environment.IsPrivilegedProcess) // only root hands PostgreSQL to the postgres user, who cannot enter 0700 folders
            Assert.True(platform.DataFolder!.IsRelocated, $"data stayed in {platform.DataFolder}");

        using var response = await platform.Gateway.GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
