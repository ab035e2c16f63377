using System.Text.Json.Nodes;
using Platform.EventStore.TimeTravel;

namespace Platform.EventStore.Tests.TimeTravel;

public sealed class StateDifferenceTests
{
    private static readonly Dictionary<string, string> ItemsByProduct = new() { ["items"] = "productId" };

    [Fact]
    public void Equal_states_have_no_difference()
    {
        var state = JsonNode.Parse("""{"email":"a@example.com","items":[{"productId":"book","quantity":1}]}""");

        Assert.Empty(StateDifference.Between(state, state!.DeepClone(), ItemsByProduct));
    }

    [Fact]
    public void A_changed_field_gives_its_path_and_both_values()
    {
        var changes = StateDifference.Between(
            JsonNode.Parse("""{"name":"Ada","email":"a@example.com"}"""), JsonNode.Parse("""{"name":"Ada","email":"b@example.com"}"""), ItemsByProduct);

        var change = Assert.Single(changes);
        Assert.Equal(("email", "a@example.com", "b@example.com"), (change.Field, change.Before?.GetValue<string>(), change.After?.GetValue<string>()));
    }

    [Fact]
    public void A_keyed_list_is_compared_by_its_key_not_by_position()
    {
        // The same two items in another order, one of them with a new quantity, and a third added.
        var before = JsonNode.Parse("""{"items":[{"productId":"atlas","quantity":1},{"productId":"book","quantity":2}]}""");
        var after = JsonNode.Parse("""{"items":[{"productId":"book","quantity":2},{"productId":"atlas","quantity":3},{"productId":"compass","quantity":1}]}""");

        var changes = StateDifference.Between(before, after, ItemsByProduct).ToDictionary(change => change.Field);

        Assert.Equal(["items[productId=atlas].quantity", "items[productId=compass]"], changes.Keys.Order());
        Assert.Equal((1, 3), (changes["items[productId=atlas].quantity"].Before!.GetValue<int>(), changes["items[productId=atlas].quantity"].After!.GetValue<int>()));
        Assert.Null(changes["items[productId=compass]"].Before);
        Assert.Equal("compass", changes["items[productId=compass]"].After!["productId"]!.GetValue<string>());
    }

    [Fact]
    public void A_removed_keyed_element_has_no_after()
    {
        var changes = StateDifference.Between(
            JsonNode.Parse("""{"items":[{"productId":"atlas","quantity":1}]}"""), JsonNode.Parse("""{"items":[]}"""), ItemsByProduct);

        var removed = Assert.Single(changes);
        Assert.Equal("items[productId=atlas]", removed.Field);
        Assert.Null(removed.After);
    }

    [Fact]
    public void A_list_without_a_key_is_compared_by_position()
    {
        var changes = StateDifference.Between(
            JsonNode.Parse("""{"steps":["reserve"]}"""), JsonNode.Parse("""{"steps":["reserve","charge"]}"""), ItemsByProduct);

        var added = Assert.Single(changes);
        Assert.Equal(("steps[1]", null, "charge"), (added.Field, added.Before, added.After?.GetValue<string>()));
    }

    [Fact]
    public void A_state_that_did_not_exist_yet_lists_every_field_as_new()
    {
        var changes = StateDifference.Between(null, JsonNode.Parse("""{"name":"Ada","email":"a@example.com"}"""), ItemsByProduct);

        Assert.Equal(["email", "name"], changes.Select(change => change.Field).Order());
        Assert.All(changes, change => Assert.Null(change.Before));
    }
}
