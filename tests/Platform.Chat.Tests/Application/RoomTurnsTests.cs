using Platform.Chat.Application.PostingMessage;

namespace Platform.Chat.Tests.Application;

/// <summary>A room's posts take turns within an instance; other rooms never wait for it.</summary>
public sealed class RoomTurnsTests
{
    private readonly RoomTurns turns = new();
    private readonly Guid room = Guid.NewGuid();

    [Fact]
    public async Task A_second_post_to_the_room_waits_for_the_first_and_another_room_does_not()
    {
        var first = await turns.TakeAsync(room, default);
        var second = turns.TakeAsync(room, default);
        var elsewhere = turns.TakeAsync(Guid.NewGuid(), default);

        Assert.True(elsewhere.IsCompletedSuccessfully);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        (await elsewhere).Dispose();
        (await turns.TakeAsync(room, default).WaitAsync(TimeSpan.FromSeconds(5))).Dispose(); // the room is free again
    }

    [Fact]
    public async Task A_post_that_gives_up_waiting_leaves_the_turn_to_the_others()
    {
        var first = await turns.TakeAsync(room, default);
        using var impatient = new CancellationTokenSource();
        var cancelled = turns.TakeAsync(room, impatient.Token);
        var patient = turns.TakeAsync(room, default);
        impatient.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        first.Dispose();
        (await patient.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }
}
