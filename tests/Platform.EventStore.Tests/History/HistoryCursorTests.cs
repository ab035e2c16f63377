using Platform.EventStore.History;

namespace Platform.EventStore.Tests.History;

/// <summary>The history's cursor keeps a position and a target per database of the store (a sharded store's shards).</summary>
public sealed class HistoryCursorTests
{
    [Fact]
    public void A_cursor_reads_back_as_it_was_written_in_a_fixed_order()
    {
        var cursor = HistoryCursor.Start
            .With("users-shard-2", new HistoryCursor.Position(4, 4))
            .With("users-shard-1", new HistoryCursor.Position(120, 130));

        Assert.Equal("users-shard-1:120:130,users-shard-2:4:4", cursor.ToString());
        Assert.Equal(cursor.Databases, HistoryCursor.Parse(cursor.ToString()).Databases);
    }

    [Fact]
    public void It_has_reached_its_targets_when_every_database_has_and_a_database_it_does_not_know_starts_from_nothing()
    {
        var cursor = HistoryCursor.Parse("a:10:10,b:3:7");

        Assert.False(cursor.HasReachedTargets);
        Assert.True(cursor.With("b", new HistoryCursor.Position(7, 7)).HasReachedTargets);
        Assert.Equal(new HistoryCursor.Position(0, 0), cursor.Of("c"));
        Assert.True(HistoryCursor.Parse(null).HasReachedTargets);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("a:1")]
    [InlineData("a:-1:2")]
    [InlineData("a:1:2,a:3:4")]
    [InlineData(":1:2")]
    public void A_malformed_cursor_is_refused(string text) =>
        Assert.Throws<FormatException>(() => HistoryCursor.Parse(text));
}
