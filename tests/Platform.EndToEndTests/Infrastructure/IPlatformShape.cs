namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// A running Platform as a client reaches it, in either shape (ADR 0053): the distributed system behind its gateway, or
/// the monolith on the same port. The same requests must get the same answers from both.
/// </summary>
public interface IPlatformShape
{
    /// <summary>A plain client of the entry point (no retries, no circuit breaker).</summary>
    HttpClient Gateway { get; }

    /// <summary>The same client with an admin token of this run.</summary>
    HttpClient Admin { get; }

    /// <summary>Where the SMTP server delivers: what actually arrived over SMTP.</summary>
    Maildir Mail { get; }
}
