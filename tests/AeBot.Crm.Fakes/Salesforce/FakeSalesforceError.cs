namespace AeBot.Crm.Fakes.Salesforce;

/// <summary>An answer of the error shape ("Status Codes and Error Responses",
/// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm): HTTP status and [{message, errorCode}].</summary>
internal sealed class FakeSalesforceError(int status, string errorCode, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string ErrorCode { get; } = errorCode;

    public static FakeSalesforceError NoSuchColumn(string field, string type) => new(400, "INVALID_FIELD",
        $"No such column '{field}' on entity '{type}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");

    public static FakeSalesforceError NoSuchType(string type) => new(400, "INVALID_TYPE",
        $"sObject type '{type}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.");

    public static FakeSalesforceError Malformed(string message) => new(400, "MALFORMED_QUERY", message);

    public static FakeSalesforceError NotFound() => new(404, "NOT_FOUND", "The requested resource does not exist");
}
