using System.ComponentModel.DataAnnotations;

namespace AeBot.Cli;

/// <summary>
/// "CommandSocket": whether a running server answers <c>aebot ask</c> for commands beside it, and where its socket
/// lives (README, "How fast aebot ask answers"). Commands read the same keys before their host exists
/// (<see cref="CommandSocketAddress"/>); the server validates them at start.
/// </summary>
public sealed class CommandSocketOptions : IValidatableObject
{
    public bool Enabled { get; set; } = true;

    /// <summary>The socket's folder; by default $XDG_RUNTIME_DIR/aebot, else /tmp/aebot-&lt;uid&gt;.</summary>
    public string? Directory { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Directory is { Length: > 0 } directory && !Path.IsPathRooted(directory))
            yield return new ValidationResult($"CommandSocket:Directory must be an absolute path, not '{directory}'.", [nameof(Directory)]);
        // A socket address holds 108 bytes: the folder, '/', 16 hex digits and ".sock" must fit.
        else if (Directory is { Length: > 80 } longDirectory)
            yield return new ValidationResult($"CommandSocket:Directory is too long for a socket address ({longDirectory.Length} characters; 80 at most).", [nameof(Directory)]);
    }
}
