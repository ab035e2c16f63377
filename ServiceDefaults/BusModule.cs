using MassTransit;

namespace Platform.ServiceDefaults;

/// <summary>
/// One module's part of the bus: the consumers it registers, under its namespace, and the waits before each retry of
/// a message one of them failed. A service is one module; a process that hosts several (the monolith) gives each its
/// own, so that the email module keeps its slow retries and the others their quick ones on one bus.
/// </summary>
/// <param name="Namespace">The root namespace of the module's consumers (Platform.Email): it names their endpoints on a
/// bus of several modules, and says which module an endpoint belongs to.</param>
public sealed record BusModule(string Namespace, Action<IBusRegistrationConfigurator> Register, TimeSpan[]? Retries = null)
{
    /// <summary>The kebab-case prefix of its endpoints' names when the names carry the namespace (platform-email-).</summary>
    public string EndpointPrefix => KebabCaseEndpointNameFormatter.Instance.SanitizeName(Namespace.Replace('.', '-')) + "-";
}
