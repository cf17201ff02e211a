using AeBot.Core.Audit;
using AeBot.Core.Conversation;
using AeBot.Core.Nudges;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AeBot.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    private const string TracesExporter = "aebot-traces";
    private const string MetricsExporter = "aebot-metrics";

    /// <summary>
    /// AeBot's metrics and turn spans in every host (register it after the core and the storage: it decorates the
    /// conversation core, the audit log and the nudge ledger). The OpenTelemetry SDK — with ASP.NET Core and HttpClient
    /// instrumentation and the OTLP exporter — is added only when <paramref name="export"/> (the server) and
    /// <c>Telemetry:OtlpEndpoint</c> is set: otherwise nothing listens and nothing is exported.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration, bool export)
    {
        var section = configuration.GetSection(TelemetryOptions.SectionName);
        services.AddOptions<TelemetryOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<QueueDepths>();
        services.AddSingleton<AeBotMetrics>();
        Decorate<IConversationCore>(services, (core, sp) => new TracedConversationCore(core, sp.GetRequiredService<AeBotMetrics>()));
        Decorate<IAuditLog>(services, (audit, sp) => new MeteredAuditLog(audit, sp.GetRequiredService<AeBotMetrics>()));
        Decorate<INudgeLedger>(services, (ledger, sp) => new MeteredNudgeLedger(ledger, sp.GetRequiredService<AeBotMetrics>()));

        // An endpoint that is set but invalid stops start-up in validation, before anything could be exported.
        if (!export || TelemetryOptions.Endpoint(section[nameof(TelemetryOptions.OtlpEndpoint)]) is null)
            return services;
        services.AddOptions<OtlpExporterOptions>(TracesExporter).Configure<IOptions<TelemetryOptions>>((o, t) => Exporter(o, t.Value, "v1/traces"));
        services.AddOptions<OtlpExporterOptions>(MetricsExporter).Configure<IOptions<TelemetryOptions>>((o, t) => Exporter(o, t.Value, "v1/metrics"));
        services.AddOptions<MetricReaderOptions>(MetricsExporter).Configure<IOptions<TelemetryOptions>>((o, t) =>
            o.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = t.Value.ExportIntervalSeconds * 1000);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("aebot", serviceVersion: typeof(AeBotMetrics).Assembly.GetName().Version?.ToString(), autoGenerateServiceInstanceId: true))
            .WithTracing(t => t
                .AddSource(AeBotMetrics.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health")) // probes every few seconds
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(TracesExporter, configure: null))
            .WithMetrics(m => m
                .AddMeter(AeBotMetrics.Name)
                .AddInstrumentation(sp => sp.GetRequiredService<AeBotMetrics>()) // its gauges exist before the first turn
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(MetricsExporter, configure: null));
        return services;
    }

    private static void Exporter(OtlpExporterOptions exporter, TelemetryOptions options, string signalPath)
    {
        var endpoint = TelemetryOptions.Endpoint(options.OtlpEndpoint)!;
        exporter.Protocol = options.OtlpProtocol;
        // Set in code, the endpoint is used as given: over HTTP each signal has its own path below the collector's root.
        exporter.Endpoint = options.OtlpProtocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath) : endpoint;
    }

    /// <summary>Wraps every registration of <typeparamref name="TService"/> (same lifetime) in <paramref name="decorate"/>.</summary>
    private static void Decorate<TService>(IServiceCollection services, Func<TService, IServiceProvider, TService> decorate) where TService : class
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(TService) || descriptor.IsKeyedService)
                continue;
            Func<IServiceProvider, object> inner = descriptor.ImplementationFactory
                ?? (descriptor.ImplementationInstance is { } instance ? _ => instance : sp => ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
            services[i] = ServiceDescriptor.Describe(typeof(TService), sp => decorate((TService)inner(sp), sp), descriptor.Lifetime);
        }
    }
}
