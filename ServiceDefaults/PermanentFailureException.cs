namespace Platform.ServiceDefaults;

/// <summary>
/// A failure that retrying cannot change (a declined card, stock that is not there, a step past its deadline).
/// The bus does not retry it: a workflow step that throws it fails at once and its workflow compensates.
/// </summary>
public abstract class PermanentFailureException(string message) : Exception(message);
