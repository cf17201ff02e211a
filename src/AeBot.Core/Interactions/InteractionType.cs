namespace AeBot.Core.Interactions;

public enum InteractionType
{
    Call = 0,
    Meeting = 1,
    Email = 2,
    Note = 3,
}
