using AeBot.Core.Sales;

namespace AeBot.Core.Understanding;

/// <summary>
/// Finds the accounts a piece of text names among those the viewer may see: for the abilities that take an account
/// from free text (logging, deal updates, briefs, what-ifs). An account outside the viewer's scope is not found,
/// exactly like one that does not exist.
/// </summary>
public sealed class AccountFinder(NameCatalog names, ISalesData data)
{
    /// <summary>The accounts a text names that the viewer may see, best first (several when the name fits several).</summary>
    public async Task<IReadOnlyList<EntityMatch>> FindAccountsAsync(string text, Viewer viewer, CancellationToken cancellationToken)
    {
        var index = await names.AccountsAsync(cancellationToken);
        var found = await VisibleAsync(EntityMatcher.FindAll(text, index), viewer, cancellationToken);
        if (!Thai.ThaiScript.Contains(text))
            return found;
        // Thai: a Thai-script name inside the unspaced words, else a Latin name spelt in Thai ("แอคมี").
        var thai = await VisibleAsync([.. found, .. Thai.ThaiNames.FindThaiScript(text, index)], viewer, cancellationToken);
        return thai.Count > 0 ? thai : await VisibleAsync(Thai.ThaiNames.FindTransliterated(text, index, firstNames: false), viewer, cancellationToken);
    }

    /// <summary>Every account a text names that the viewer may see ("if Acme and Globex close").</summary>
    public async Task<IReadOnlyList<NamedRef>> FindAllAccountsAsync(string text, Viewer viewer, CancellationToken cancellationToken) =>
        await AllNamedAsync(text, await names.AccountsAsync(cancellationToken), viewer, cancellationToken);

    /// <summary>An account's name if the viewer may see it; null otherwise (the same for one that does not exist).</summary>
    public async Task<string?> AccountNameAsync(long accountId, Viewer viewer, CancellationToken cancellationToken)
    {
        var visible = await data.VisibleAccountIdsAsync(viewer, [accountId], cancellationToken);
        return visible.Contains(accountId) ? (await names.AccountsAsync(cancellationToken)).Names.FirstOrDefault(a => a.Id == accountId)?.Name : null;
    }

    /// <summary>The best of the matches the viewer may see; names outside their scope are dropped as if unknown.</summary>
    private async Task<IReadOnlyList<EntityMatch>> VisibleAsync(IReadOnlyList<EntityMatch> matches, Viewer viewer, CancellationToken cancellationToken)
    {
        if (matches.Count == 0)
            return [];
        var visible = await data.VisibleAccountIdsAsync(viewer, matches.Select(m => m.Entity.Id).ToList(), cancellationToken);
        return EntityMatcher.Top(matches.Where(m => visible.Contains(m.Entity.Id)).ToList());
    }

    private async Task<IReadOnlyList<NamedRef>> AllNamedAsync(string text, NameIndex candidates, Viewer viewer, CancellationToken cancellationToken)
    {
        var found = new List<NamedRef>();
        var rest = text;
        while (found.Count < 10)
        {
            var match = await VisibleAsync(EntityMatcher.FindAll(rest, candidates), viewer, cancellationToken);
            if (match.Count == 0)
                break;
            found.Add(match[0].Entity);
            rest = Remove(rest, match[0].Matched);
        }
        return found;
    }

    private static string Remove(string text, string matched)
    {
        var index = text.IndexOf(matched, StringComparison.OrdinalIgnoreCase);
        return index < 0 ? text : text.Remove(index, matched.Length).Insert(index, " ");
    }
}
