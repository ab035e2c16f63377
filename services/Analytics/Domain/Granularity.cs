namespace Platform.Analytics.Domain;

/// <summary>The width of one bucket of a metrics answer.</summary>
public enum Granularity
{
    Minute,
    Hour,
    Day,
}
