namespace AeBot.Crm.Fakes.Salesforce;

/// <summary>
/// A request the fake answered. <see cref="Soql"/>: the q of a query
/// (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm), else null.
/// </summary>
public sealed record FakeSalesforceRequest(string Method, string Path, string QueryString, string? Soql, string? Body, int Status);
