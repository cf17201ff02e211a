namespace AeBot.Crm.Sources;

/// <summary>A CRM call that failed; <see cref="Retryable"/> says whether trying again later can help.</summary>
public class CrmException(string message, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    public bool Retryable { get; } = retryable;
}

/// <summary>The token is missing, expired or revoked (401), or the integration lacks a scope (403): nothing works until someone fixes it.</summary>
public sealed class CrmAuthException(string message) : CrmException(message, retryable: false);

/// <summary>429: the CRM said how long to wait.</summary>
public sealed class CrmThrottledException(string message, TimeSpan retryAfter) : CrmException(message, retryable: true)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The daily API allowance is used up (or nearly: AeBot leaves the rest to the team's other integrations).</summary>
public sealed class CrmLimitException(string message, DateTimeOffset? retryAt) : CrmException(message, retryable: true)
{
    public DateTimeOffset? RetryAt { get; } = retryAt;
}

/// <summary>The CRM refused the request itself (400/404/409…): retrying the same request will not help.</summary>
public sealed class CrmRejectedException(string message, int status) : CrmException(message, retryable: false)
{
    public int Status { get; } = status;
}
