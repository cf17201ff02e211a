namespace AeBot.Core.Dialogs;

/// <summary>A stored dialog and the version it was read at; <paramref name="State"/> is null once the dialog has ended.</summary>
public sealed record StoredDialog(DialogState? State, long Version);

/// <summary>
/// Where dialogs wait between turns. Writes are compare-and-swap on a version number: when two messages of the
/// same rep race, one wins and the other is told, instead of both half-applying (see <see cref="SaveAsync"/>).
/// </summary>
public interface IDialogStore
{
    /// <summary>The stored dialog, expired or not (the caller decides); null when there is none.</summary>
    Task<StoredDialog?> LoadAsync(ConversationKey key, CancellationToken cancellationToken);

    /// <summary>Stores the dialog if it is still at <paramref name="expectedVersion"/> (0: none stored); false when another turn got there first.</summary>
    Task<bool> SaveAsync(ConversationKey key, DialogState state, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Ends the dialog if it is still at <paramref name="expectedVersion"/>; false when another turn got there first.</summary>
    Task<bool> ClearAsync(ConversationKey key, long expectedVersion, CancellationToken cancellationToken);
}
