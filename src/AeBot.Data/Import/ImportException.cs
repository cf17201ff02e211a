namespace AeBot.Data.Import;

/// <summary>An import that cannot start or cannot go on; the message is meant for the person running it.</summary>
public sealed class ImportException(string message) : Exception(message);
