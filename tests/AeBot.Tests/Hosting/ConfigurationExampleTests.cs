using AeBot.Core;
using AeBot.Core.Time;
using AeBot.Data.Demo;
using AeBot.Data.Import;
using AeBot.Data.Storage;
using AeBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AeBot.Tests.Hosting;

public class ConfigurationExampleTests
{
    private static readonly string ExamplePath = Path.Combine(FindRepositoryRoot(), "appsettings.example.json");

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AeBot.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("AeBot.sln not found above the test folder.");
    }

    [Fact]
    public void Every_key_of_the_example_binds_to_an_option_and_validates()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(ExamplePath).Build();
        void Bind<T>(string section) where T : new() =>
            configuration.GetSection(section).Get<T>(o => o.ErrorOnUnknownConfiguration = true);

        Bind<AeBotOptions>(AeBotOptions.SectionName);
        Bind<StorageOptions>(StorageOptions.SectionName);
        Bind<ImportOptions>(ImportOptions.SectionName);
        Bind<DemoOptions>(DemoOptions.SectionName);
        Bind<ClockOptions>(ClockOptions.SectionName);
        Bind<AeBot.WebChat.WebChatOptions>(AeBot.WebChat.WebChatOptions.SectionName);
        Bind<AeBot.Core.Work.CaptureOptions>(AeBot.Core.Work.CaptureOptions.Section);
        Bind<AeBot.Core.Playbook.PlaybookOptions>(AeBot.Core.Playbook.PlaybookOptions.Section);
        Bind<AeBot.Core.Commission.CommissionOptions>(AeBot.Core.Commission.CommissionOptions.Section);
        Bind<AeBot.Core.Handoff.HandoffOptions>(AeBot.Core.Handoff.HandoffOptions.Section);
        Bind<AeBot.Teams.TeamsOptions>(AeBot.Teams.TeamsOptions.SectionName);
        Bind<AeBot.Scheduling.SchedulingOptions>(AeBot.Scheduling.SchedulingOptions.SectionName);
        Bind<AeBot.Core.Nudges.NudgeOptions>(AeBot.Core.Nudges.NudgeOptions.SectionName);
        Bind<AeBot.Slack.SlackOptions>(AeBot.Slack.SlackOptions.SectionName);
        Bind<AeBot.Inbound.InboundOptions>(AeBot.Inbound.InboundOptions.SectionName);
        Bind<AeBot.Telemetry.TelemetryOptions>(AeBot.Telemetry.TelemetryOptions.SectionName);
        Bind<AeBot.Crm.CrmOptions>(AeBot.Crm.CrmOptions.SectionName);
        Bind<AeBot.Cli.CommandSocketOptions>(AeBot.Cli.CommandSocketAddress.SectionName);
        var known = new[] { "CommandSocket", "Urls", "Logging", "ConnectionStrings", "AeBot", "Storage", "Import", "Crm", "Demo", "Clock", "WebChat", "Capture", "Playbook", "Commission", "Handoff", "Teams", "Nudges", "Scheduling", "Slack", "Inbound", "Telemetry" };
        Assert.All(configuration.GetChildren(), section => Assert.Contains(section.Key, known));

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.AddAeBotServices();
        using var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(StorageProvider.Postgres, host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero), host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        Assert.Equal(60_000m, host.Services.GetRequiredService<IOptions<AeBot.Core.Commission.CommissionOptions>>().Value.CapPerPeriod);
        Assert.Equal(2, host.Services.GetRequiredService<IOptions<AeBot.Core.Handoff.HandoffOptions>>().Value.Effective.Count);
        var teams = host.Services.GetRequiredService<IOptions<AeBot.Teams.TeamsOptions>>().Value;
        Assert.True(teams.AuthenticationEnabled);
        Assert.Equal(["66666666-7777-8888-9999-000000000000"], teams.EffectiveAllowedTenants()!);
        Assert.True(host.Services.GetRequiredService<IOptions<AeBot.Slack.SlackOptions>>().Value.Enabled);
        Assert.True(host.Services.GetRequiredService<IOptions<AeBot.Telemetry.TelemetryOptions>>().Value.Exporting);
        var crm = host.Services.GetRequiredService<IOptions<AeBot.Crm.CrmOptions>>().Value;
        Assert.False(crm.Enabled); // no provider in the example: CSV import only
        Assert.Equal(AeBot.Crm.FieldOwner.LastWriter, crm.OwnerOf(AeBot.Crm.Sources.CrmDealField.NextStep));
        Assert.Equal(AeBot.Crm.FieldOwner.Crm, crm.OwnerOf(AeBot.Crm.Sources.CrmDealField.CloseDate));
    }

    [Fact]
    public void A_missing_playbook_file_or_a_bad_commission_plan_is_refused_at_start()
    {
        foreach (var (key, value) in new[] { ("Playbook:Path", "no-such-playbook.json"), ("Commission:BaseRate", "1.5"), ("Capture:UndoWindowMinutes", "0") })
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
            builder.AddAeBotServices();
            using var host = builder.Build();
            var error = Assert.ThrowsAny<Exception>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
            Assert.Contains(key.Split(':')[1], error.ToString());
        }
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused_at_start()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres" });
        builder.AddAeBotServices();
        using var host = builder.Build();
        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("ConnectionStrings:AeBot", error.Message);
    }
}
