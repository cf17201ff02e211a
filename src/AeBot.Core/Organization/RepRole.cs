namespace AeBot.Core.Organization;

/// <summary>What a person does in the sales org; decides what they may see and which answers they get.</summary>
public enum RepRole
{
    Rep = 0,
    Manager = 1,
    AccountManager = 2,
    Admin = 3,
}
