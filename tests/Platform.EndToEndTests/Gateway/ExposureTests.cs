using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Gateway;

/// <summary>Only the gateway is meant to be reached from outside: the services listen on the loopback interface alone.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ExposureTests(PlatformFixture platform, ITestOutputHelper output)
{
    [Fact]
    public async Task Only_the_gateway_has_an_external_endpoint_and_no_service_answers_on_the_machines_own_address()
    {
        var projects = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().ToList();
        var external = projects.Where(project => project.Annotations.OfType<EndpointAnnotation>().Any(endpoint => endpoint.IsExternal));
        Assert.Equal(["gateway"], external.Select(project => project.Name));

        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(ip => ip.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(ip));
        Assert.True(address is not null, "this machine has no address besides loopback to try the services' ports on");
        foreach (var service in projects.Where(project => project.Name != "gateway"))
        {
            var port = platform.App.GetEndpoint(service.Name, "http").Port;
            using var client = new TcpClient();
            var reached = await client.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(2))
                .ContinueWith(connect => connect.IsCompletedSuccessfully);
            Assert.False(reached, $"{service.Name} answers on {address}:{port}, outside the loopback interface");
            output.WriteLine($"{service.Name}: {address}:{port} refused, loopback only");
        }
    }
}
