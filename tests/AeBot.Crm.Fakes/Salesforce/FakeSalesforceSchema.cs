namespace AeBot.Crm.Fakes.Salesforce;

internal enum FakeFieldType
{
    Id,
    String,
    Bool,
    Int,
    Number,
    Date,
    DateTime,
}

internal sealed record FakeField(string Name, FakeFieldType Type, bool Createable, bool Updateable, bool ExternalId);

/// <summary>
/// An object of the fake org's schema: its fields (names case-insensitive, as in SOQL), its parent relationships
/// (UserRole.Name through UserRoleId) and child relationships (Opportunity.OpportunityLineItems), as the Object
/// Reference for Salesforce and Lightning Platform lists them
/// (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/). Only the fields AeBot touches and a few neighbours.
/// </summary>
internal sealed class FakeSObjectType(string name, string keyPrefix)
{
    public string Name { get; } = name;

    public string KeyPrefix { get; } = keyPrefix;

    public Dictionary<string, FakeField> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, (string IdField, string Target)> Parents { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, (string Child, string ForeignKey)> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>"Name:string OwnerId:id …"; a trailing ! marks a read-only (system or formula) field, ^ a create-only one.</summary>
    public FakeSObjectType With(string fields)
    {
        foreach (var spec in fields.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var readOnly = spec.EndsWith('!');
            var createOnly = spec.EndsWith('^');
            var (fieldName, type) = (spec.TrimEnd('!', '^').Split(':')[0], spec.TrimEnd('!', '^').Split(':')[1]);
            Fields[fieldName] = new FakeField(fieldName, Enum.Parse<FakeFieldType>(type, ignoreCase: true), !readOnly, !readOnly && !createOnly, false);
        }
        return this;
    }

    public FakeSObjectType Parent(string relationship, string idField, string target)
    {
        Parents[relationship] = (idField, target);
        return this;
    }

    public FakeSObjectType Child(string relationship, string child, string foreignKey)
    {
        Children[relationship] = (child, foreignKey);
        return this;
    }

    public static Dictionary<string, FakeSObjectType> Standard()
    {
        const string system = "Id:id! CreatedDate:datetime! SystemModstamp:datetime! LastModifiedDate:datetime! IsDeleted:bool! ";
        FakeSObjectType[] types =
        [
            new FakeSObjectType("UserRole", "00E").With(system + "Name:string"),
            new FakeSObjectType("User", "005")
                .With(system + "Name:string! FirstName:string LastName:string Email:string Username:string ManagerId:id Title:string IsActive:bool Department:string UserType:string! UserRoleId:id TimeZoneSidKey:string")
                .Parent("UserRole", "UserRoleId", "UserRole").Parent("Manager", "ManagerId", "User"),
            new FakeSObjectType("OpportunityStage", "01J")
                .With(system + "MasterLabel:string ApiName:string IsActive:bool IsClosed:bool IsWon:bool DefaultProbability:number ForecastCategory:string ForecastCategoryName:string SortOrder:int Description:string"),
            new FakeSObjectType("Pricebook2", "01s").With(system + "Name:string IsActive:bool IsStandard:bool!"),
            new FakeSObjectType("Product2", "01t").With(system + "Name:string ProductCode:string IsActive:bool Family:string")
                .Child("PricebookEntries", "PricebookEntry", "Product2Id"),
            new FakeSObjectType("PricebookEntry", "01u").With(system + "Name:string! Product2Id:id^ Pricebook2Id:id^ UnitPrice:number IsActive:bool UseStandardPrice:bool")
                .Parent("Pricebook2", "Pricebook2Id", "Pricebook2").Parent("Product2", "Product2Id", "Product2"),
            new FakeSObjectType("Account", "001")
                .With(system + "Name:string OwnerId:id Industry:string Website:string BillingCountry:string NumberOfEmployees:int ParentId:id Type:string Description:string")
                .Parent("Owner", "OwnerId", "User").Parent("Parent", "ParentId", "Account")
                .Child("Contacts", "Contact", "AccountId").Child("Opportunities", "Opportunity", "AccountId"),
            new FakeSObjectType("Contact", "003")
                .With(system + "Name:string! FirstName:string LastName:string Email:string Phone:string Title:string AccountId:id OwnerId:id")
                .Parent("Account", "AccountId", "Account").Parent("Owner", "OwnerId", "User"),
            new FakeSObjectType("Opportunity", "006")
                .With(system + "Name:string Amount:number StageName:string CloseDate:date OwnerId:id AccountId:id NextStep:string Type:string Description:string Probability:number IsClosed:bool! IsWon:bool! ForecastCategoryName:string!")
                .Parent("Account", "AccountId", "Account").Parent("Owner", "OwnerId", "User")
                .Child("OpportunityLineItems", "OpportunityLineItem", "OpportunityId"),
            new FakeSObjectType("OpportunityLineItem", "00k").With(system + "OpportunityId:id^ Product2Id:id! PricebookEntryId:id^ Quantity:number UnitPrice:number SortOrder:int")
                .Parent("Opportunity", "OpportunityId", "Opportunity").Parent("Product2", "Product2Id", "Product2"),
            // TaskSubtype is set on create only ("Task" in the Object Reference: Create, Filter, … but no Update).
            new FakeSObjectType("Task", "00T")
                .With(system + "Subject:string Description:string ActivityDate:date Status:string IsClosed:bool! TaskSubtype:string^ Type:string Priority:string OwnerId:id WhatId:id WhoId:id AccountId:id!")
                .Parent("Owner", "OwnerId", "User"),
            new FakeSObjectType("Event", "00U")
                .With(system + "Subject:string Description:string StartDateTime:datetime EndDateTime:datetime DurationInMinutes:int ActivityDateTime:datetime ActivityDate:date! IsAllDayEvent:bool OwnerId:id WhatId:id WhoId:id AccountId:id!")
                .Parent("Owner", "OwnerId", "User"),
        ];
        return types.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }
}
