using AeBot.Core.Organization;
using AeBot.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace AeBot.Data.Tests.Import;

/// <summary>
/// Columns named in no synonym list are read word by word (#16, first part): the public CRM sample's four CSVs —
/// deals, accounts, products and a sales-team roster named the way that CRM names its sellers (invented values in
/// its exact column shape) — import without a mapping file.
/// </summary>
public sealed class ColumnVocabularyTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("sales_agent", ImportKind.Reps, "name")]
    [InlineData("Regional Office", ImportKind.Reps, "team")]
    [InlineData("Sales Manager Name", ImportKind.Reps, "manager")]
    [InlineData("Deal Seller", ImportKind.Opportunities, "owner")]
    [InlineData("engage_date", ImportKind.Opportunities, "created_date")]
    [InlineData("First Contact Date", ImportKind.Opportunities, "created_date")]
    [InlineData("SalesPrice", ImportKind.Products, "list_price")]
    [InlineData("MSRP", ImportKind.Products, "list_price")]
    [InlineData("Assignee", ImportKind.Activities, "owner")]
    [InlineData("sales_agent_id", ImportKind.Reps, null)] // an id of a person is not the person
    [InlineData("Owner Email Verified", ImportKind.Opportunities, null)]
    [InlineData("year_established", ImportKind.Accounts, null)]
    [InlineData("Created By", ImportKind.Opportunities, null)] // a person, not a date
    [InlineData("Contract Start Date", ImportKind.Opportunities, null)]
    [InlineData("First Name", ImportKind.Opportunities, null)]
    public void A_column_is_read_word_by_word(string header, ImportKind kind, string? field) =>
        Assert.Equal(field, ColumnVocabulary.FieldFor(kind, header));

    [Fact]
    public void No_name_is_given_to_two_fields_of_one_kind()
    {
        foreach (var (kind, fields) in ColumnSynonyms.Fields)
        {
            var owners = fields.SelectMany(f => f.Value.Select(name => (Name: name, Field: f.Key))).GroupBy(x => x.Name)
                .Where(g => g.Select(x => x.Field).Distinct().Count() > 1).Select(g => $"{kind}: {g.Key} → {string.Join(", ", g.Select(x => x.Field))}");
            Assert.Empty(owners);
        }
    }

    [Theory]
    [InlineData("Deal - Probability", ImportKind.Opportunities, "probability")] // Pipedrive: a percent, not HubSpot's fraction
    [InlineData("Deal probability", ImportKind.Opportunities, "probability_fraction")]
    [InlineData("Person - Email - Other", ImportKind.Contacts, "email")]
    [InlineData("Email 2", ImportKind.Contacts, "email")]
    [InlineData("Industry cf_689104", ImportKind.Accounts, "industry")]
    [InlineData("custom.Industry", ImportKind.Accounts, "industry")]
    [InlineData("Organization - Country of Address", ImportKind.Accounts, "country")]
    [InlineData("Deal - Title", ImportKind.Activities, "deal")] // another entity's prefix: the deal, not the subject
    [InlineData("Organization - Name", ImportKind.Activities, "account")]
    [InlineData("Deal - Title", ImportKind.Opportunities, "name")]
    [InlineData("Username", ImportKind.Reps, null)] // a login, not a name
    [InlineData("Profile", ImportKind.Reps, null)] // a permission set, not a role
    public void A_column_is_known_by_its_name_behind_a_vendors_prefix_or_suffix(string header, ImportKind kind, string? field) =>
        Assert.Equal(field, ColumnSynonyms.FieldForHeader(kind, header));

    [Fact]
    public async Task The_public_sample_folder_imports_without_a_mapping_and_managers_get_their_teams()
    {
        ImportReport report;
        await using (var db = _database.NewContext())
            report = await ImportFixture.ImportAsync(db, ImportFixture.Exports("sample-crm"));

        Assert.True(report.Succeeded, string.Join("; ", report.Files.Select(f => $"{f.Path}: {f.Kind} {f.Error}")));
        Assert.Equal(ImportKind.Reps, report.File("sales_teams.csv").Kind);
        Assert.Equal(ImportKind.Opportunities, report.File("sales_pipeline.csv").Kind);
        Assert.Equal(ImportKind.Products, report.File("products.csv").Kind);
        Assert.Equal(ImportKind.Accounts, report.File("accounts.csv").Kind);
        Assert.DoesNotContain("engage_date", report.File("sales_pipeline.csv").IgnoredColumns);
        Assert.DoesNotContain("sales_price", report.File("products.csv").IgnoredColumns);

        await using var check = _database.NewContext();
        var reps = await check.Reps.Include(r => r.Team).ToDictionaryAsync(r => r.Name);
        Assert.Equal(reps["Dustin Brinkmann"].Id, reps["Anna Berg"].ManagerId);
        Assert.Equal(reps["Melvin Marxen"].Id, reps["Kami Bicknell"].ManagerId);
        Assert.Equal("West", reps["Hayden Neloms"].Team?.Name);
        var deal = await check.Opportunities.SingleAsync(o => o.ExternalId == "1C1I7A6R");
        Assert.Equal(new DateOnly(2016, 10, 20), DateOnly.FromDateTime(deal.CreatedAt.UtcDateTime));
        Assert.Equal(550m, (await check.Products.SingleAsync(p => p.Name == "GTX Basic")).ListPrice);
    }
}
