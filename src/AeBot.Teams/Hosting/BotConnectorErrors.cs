using System.Net;
using Microsoft.Bot.Schema;
using Microsoft.Rest;

namespace AeBot.Teams.Hosting;

/// <summary>
/// What a failed Bot Connector call said: its HTTP status and the <c>Retry-After</c> it asked for. The connector
/// client throws <see cref="ErrorResponseException"/> for an error body, <see cref="HttpOperationException"/>
/// otherwise; an <see cref="HttpRequestException"/> may carry a status too.
/// </summary>
internal static class BotConnectorErrors
{
    public static HttpStatusCode? Status(Exception e) => e switch
    {
        ErrorResponseException { Response: { } response } => response.StatusCode,
        HttpOperationException { Response: { } response } => response.StatusCode,
        HttpRequestException { StatusCode: { } status } => status,
        _ => null,
    };

    /// <summary>The whole seconds Teams asked to wait (at most <paramref name="max"/>), or null when it asked nothing.</summary>
    public static TimeSpan? RetryAfter(Exception e, TimeSpan max)
    {
        var headers = e switch
        {
            ErrorResponseException { Response: { } r } => r.Headers,
            HttpOperationException { Response: { } r } => r.Headers,
            _ => null,
        };
        return headers is not null && headers.TryGetValue("Retry-After", out var values) && int.TryParse(values.FirstOrDefault(), out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, max.TotalSeconds))
            : null;
    }
}
