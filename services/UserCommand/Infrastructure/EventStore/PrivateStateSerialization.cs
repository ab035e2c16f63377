using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Infrastructure.EventStore;

/// <summary>
/// Lets System.Text.Json restore a <see cref="User"/> snapshot as the domain keeps it, behind a private constructor and
/// private setters, without a serializer attribute in the domain: a persistence concern stays in the adapter.
/// </summary>
public static class PrivateStateSerialization
{
    private static readonly Type[] Types = [typeof(User)];

    public static void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !Types.Contains(info.Type))
            return;

        var type = info.Type;
        info.CreateObject = () => RuntimeHelpers.GetUninitializedObject(type);
        foreach (var property in info.Properties)
        {
            if (property.Set is null && property.AttributeProvider is PropertyInfo { SetMethod: not null } member)
                property.Set = member.SetValue;
        }
    }
}
