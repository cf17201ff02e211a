using AeBot.Core.Organization;

namespace AeBot.Core.Conversation;

/// <summary>Who is talking: the rep a channel user was resolved to.</summary>
public sealed record RepIdentity(long RepId, string Name, RepRole Role, string TimeZoneId);
