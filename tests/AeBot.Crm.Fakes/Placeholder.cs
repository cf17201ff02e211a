namespace AeBot.Crm.Fakes;
