using AeBot.Core.Accounts;

namespace AeBot.Core.Interactions;

/// <summary>One of the contacts present at an interaction.</summary>
public class InteractionContact
{
    public long InteractionId { get; set; }
    public Interaction? Interaction { get; set; }
    public long ContactId { get; set; }
    public Contact? Contact { get; set; }
}
