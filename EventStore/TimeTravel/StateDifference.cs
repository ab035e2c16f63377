using System.Text.Json.Nodes;

namespace Platform.EventStore.TimeTravel;

/// <summary>One field that differs between two states: its path (<c>email</c>, <c>items[productId=book].quantity</c>) and its two values.</summary>
public sealed record FieldChange(string Field, JsonNode? Before, JsonNode? After);

/// <summary>
/// The field-by-field difference of two states, compared as the API shows them (JSON). Objects are compared member by
/// member; a list named in <c>listKeys</c> is compared element by element by that key (an order's items by product),
/// any other list by position. A state that did not exist yet is compared as empty.
/// </summary>
public static class StateDifference
{
    public static IReadOnlyList<FieldChange> Between(JsonNode? before, JsonNode? after, IReadOnlyDictionary<string, string> listKeys)
    {
        var changes = new List<FieldChange>();
        Compare("", before, after, listKeys, changes);
        return changes;
    }

    private static void Compare(string path, JsonNode? before, JsonNode? after, IReadOnlyDictionary<string, string> listKeys, List<FieldChange> changes)
    {
        if (JsonNode.DeepEquals(before, after))
            return;
        var bothObjects = before is JsonObject && after is JsonObject;
        var stateFromNothing = path.Length == 0 && (before ?? after) is JsonObject; // the stream did not exist yet
        if (bothObjects || stateFromNothing)
        {
            foreach (var name in Members(before).Concat(Members(after)).Distinct())
                Compare(Join(path, name), (before as JsonObject)?[name], (after as JsonObject)?[name], listKeys, changes);
        }
        else if (before is JsonArray beforeList && after is JsonArray afterList)
            CompareLists(path, beforeList, afterList, listKeys, changes);
        else
            changes.Add(new FieldChange(path, before?.DeepClone(), after?.DeepClone()));
    }

    private static void CompareLists(string path, JsonArray before, JsonArray after, IReadOnlyDictionary<string, string> listKeys, List<FieldChange> changes)
    {
        var name = path[(path.LastIndexOf('.') + 1)..];
        if (listKeys.TryGetValue(name, out var key))
        {
            var beforeByKey = ByKey(before, key);
            var afterByKey = ByKey(after, key);
            foreach (var id in beforeByKey.Keys.Concat(afterByKey.Keys).Distinct())
                Compare($"{path}[{key}={id}]", beforeByKey.GetValueOrDefault(id), afterByKey.GetValueOrDefault(id), listKeys, changes);
            return;
        }
        for (var i = 0; i < Math.Max(before.Count, after.Count); i++)
            Compare($"{path}[{i}]", i < before.Count ? before[i] : null, i < after.Count ? after[i] : null, listKeys, changes);
    }

    private static Dictionary<string, JsonNode?> ByKey(JsonArray list, string key) =>
        list.ToDictionary(element => element?[key]?.ToString() ?? "", element => element);

    private static IEnumerable<string> Members(JsonNode? node) => node is JsonObject o ? o.Select(member => member.Key) : [];

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
