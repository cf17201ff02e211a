using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AeBot.Crm.Tests;

public sealed class CrmOptionsTests
{
    private static List<string> Errors(CrmOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }

    [Fact]
    public void No_provider_is_no_sync_and_valid()
    {
        var options = new CrmOptions();
        Assert.False(options.Enabled);
        Assert.Empty(Errors(options));
    }

    [Fact]
    public void An_unknown_provider_is_refused_by_name()
    {
        var error = Assert.Single(Errors(new CrmOptions { Provider = "Pipedrive" }));
        Assert.Contains("'Pipedrive'", error);
    }

    [Fact]
    public void HubSpot_needs_its_token()
    {
        var error = Assert.Single(Errors(new CrmOptions { Provider = "hubspot" }));
        Assert.Contains("Crm:HubSpot:AccessToken", error);
        Assert.Empty(Errors(new CrmOptions { Provider = "HubSpot", HubSpot = { AccessToken = "pat-na1-x" } }));
    }

    [Fact]
    public void Salesforce_needs_its_connected_app_user_and_an_existing_key()
    {
        var errors = Errors(new CrmOptions { Provider = "Salesforce", Salesforce = { PrivateKeyPath = "/nowhere/key.pem", ApiVersion = "62" } });
        Assert.Contains(errors, e => e.Contains("Crm:Salesforce:ClientId"));
        Assert.Contains(errors, e => e.Contains("Crm:Salesforce:Username"));
        Assert.Contains(errors, e => e.Contains("does not exist"));
        Assert.Contains(errors, e => e.Contains("62.0"));
    }

    [Fact]
    public void The_sync_interval_is_bounded()
    {
        Assert.Contains(Errors(new CrmOptions { SyncMinutes = 0 }), e => e.Contains("SyncMinutes"));
    }

    [Fact]
    public void The_providers_own_settings_are_checked_too() =>
        Assert.Contains(Errors(new CrmOptions { Provider = "HubSpot", HubSpot = { AccessToken = "pat-na1-x", RequestsPer10Seconds = 0 } }),
            e => e.Contains("RequestsPer10Seconds"));

    private static CrmOptions Bound(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        using var provider = new ServiceCollection().AddCrmSync(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CrmOptions>>().Value;
    }

    [Fact]
    public void Reminders_are_written_to_the_CRM_unless_WriteReminders_is_false_and_a_value_that_is_no_boolean_fails_at_start()
    {
        Assert.True(Bound().WriteReminders);
        Assert.False(Bound(("Crm:WriteReminders", "false")).WriteReminders);
        Assert.Throws<InvalidOperationException>(() => Bound(("Crm:WriteReminders", "sometimes")));
    }
}
