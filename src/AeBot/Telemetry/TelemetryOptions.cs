using System.ComponentModel.DataAnnotations;
using OpenTelemetry.Exporter;

namespace AeBot.Telemetry;

/// <summary>Configuration section "Telemetry": where traces and metrics go (nowhere unless an endpoint is set).</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string SectionName = "Telemetry";

    /// <summary>The OTLP collector (<c>http://otel-collector:4317</c>); empty: nothing is exported.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (port 4317) or <c>HttpProtobuf</c> (port 4318; the signal's path is added to the endpoint).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>How long a read of the outbox and inbound queue depths is reused, so a scrape never hammers the database.</summary>
    [Range(0, 3600, ErrorMessage = "Telemetry:DepthRefreshSeconds must be between 0 and 3600.")]
    public int DepthRefreshSeconds { get; set; } = 5;

    /// <summary>How often metrics are pushed to the collector.</summary>
    [Range(1, 3600, ErrorMessage = "Telemetry:ExportIntervalSeconds must be between 1 and 3600.")]
    public int ExportIntervalSeconds { get; set; } = 15;

    public bool Exporting => !string.IsNullOrWhiteSpace(OtlpEndpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Exporting && Endpoint(OtlpEndpoint) is null)
            yield return new ValidationResult(
                $"Telemetry:OtlpEndpoint \"{OtlpEndpoint}\" is not an absolute http(s) URI (e.g. http://otel-collector:4317); leave it empty to export nothing.",
                [nameof(OtlpEndpoint)]);
    }

    /// <summary>The endpoint as a URI, or null when it is not an absolute http(s) one.</summary>
    public static Uri? Endpoint(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
}
