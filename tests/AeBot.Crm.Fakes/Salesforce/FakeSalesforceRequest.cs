namespace AeBot.Crm.Fakes.Salesforce;

/// <summary>A request the fake answered. <see cref="Soql"/>: the q of a query, else null.</summary>
public sealed record FakeSalesforceRequest(string Method, string Path, string QueryString, string? Soql, string? Body, int Status);
