namespace AeBot.Cli;

/// <summary>
/// <c>aebot health [url]</c>: GETs a health endpoint (by default this machine's <c>/health/live</c>) and exits 0 when
/// it answers 2xx, 1 otherwise — the container's HEALTHCHECK, for images that have no curl or wget. Reads no
/// configuration and needs no database, so it costs one short process start.
/// </summary>
public static class HealthCommand
{
    public const string DefaultUrl = "http://localhost:5080/health/live";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(Invocation invocation, TextWriter stdout, TextWriter stderr, HttpMessageHandler? handler = null)
    {
        if (invocation.Arguments.Count > 1)
        {
            await stderr.WriteLineAsync("aebot: health takes at most one URL, e.g. aebot health http://localhost:8080/health/ready");
            return ExitCodes.Usage;
        }
        var text = invocation.Arguments.Count == 1 ? invocation.Arguments[0] : DefaultUrl;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            await stderr.WriteLineAsync($"aebot: '{text}' is not an http(s) URL");
            return ExitCodes.Usage;
        }
        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = Timeout;
        try
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            await (response.IsSuccessStatusCode ? stdout : stderr).WriteLineAsync($"{(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await stderr.WriteLineAsync($"aebot: {url} did not answer: {(e is TaskCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : e.Message)}");
            return ExitCodes.Failed;
        }
    }
}
