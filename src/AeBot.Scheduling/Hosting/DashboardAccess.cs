using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;

namespace AeBot.Scheduling.Hosting;

/// <summary>
/// Who may open the Hangfire dashboard: a request from this machine that did not pass through a proxy, or one
/// carrying the configured API key. A request forwarded by a reverse proxy arrives from loopback too, so any
/// forwarding header makes it a remote one — the dashboard is never open on a public interface by accident.
/// </summary>
internal sealed class DashboardAccess(string? apiKey) : IDashboardAuthorizationFilter
{
    private readonly byte[]? _key = string.IsNullOrWhiteSpace(apiKey) ? null : Encoding.UTF8.GetBytes(apiKey.Trim());

    public bool Authorize(DashboardContext context) => Allows(context.GetHttpContext());

    public bool Allows(HttpContext http)
    {
        if (_key is not null && http.Request.Headers.Authorization.ToString() is { } header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), _key))
            return true;
        var forwarded = http.Request.Headers.ContainsKey("X-Forwarded-For") || http.Request.Headers.ContainsKey("Forwarded");
        return !forwarded && http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);
    }
}
