namespace Platform.Plugins;

/// <summary>A registration about to be recorded: the name and email as validated (trimmed, email lower-case).</summary>
public sealed record RegistrationCandidate(string Name, string Email);
