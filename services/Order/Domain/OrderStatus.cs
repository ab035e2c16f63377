namespace Platform.Order.Domain;

public enum OrderStatus
{
    /// <summary>Lines may be added and removed.</summary>
    Draft,

    /// <summary>Lines are final; the workflow runs.</summary>
    Confirmed,
}
