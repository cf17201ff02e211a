using AeBot.Core.Accounts;

namespace AeBot.Core.Tests.Accounts;

public class NameNormalizerTests
{
    [Theory]
    [InlineData("ACME, Inc.", "acme")]
    [InlineData("Acme Inc", "acme")]
    [InlineData("acme", "acme")]
    [InlineData("GTX Pro", "gtxpro")]
    [InlineData("GTXPro", "gtxpro")]
    [InlineData("gtx-pro", "gtxpro")]
    [InlineData("Société Générale S.A.", "societegenerale")]
    [InlineData("Müller GmbH", "muller")]
    [InlineData("AG", "ag")]
    [InlineData("O'Brien Ltd", "obrien")]
    [InlineData("  ", "")]
    public void Spellings_people_use_interchangeably_fold_together(string name, string expected) =>
        Assert.Equal(expected, NameNormalizer.Normalize(name));
}
