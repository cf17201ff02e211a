namespace AeBot.Core.Understanding;

/// <summary>
/// The last question of a conversation, as stored in the database between turns (and between processes: the CLI
/// runs one turn per process), so a fragment such as "and last quarter?" can refine it. Plain data, stored as JSON;
/// a row written by an older version has no <see cref="Query"/> and is ignored.
/// </summary>
public sealed record RememberedQuestion(Query? Query);
