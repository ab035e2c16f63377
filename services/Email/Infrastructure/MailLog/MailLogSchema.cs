namespace Platform.Email.Infrastructure.MailLog;

/// <summary>The mail log's table, created by the service's migration (V1__mail_log.sql).</summary>
public static class MailLogSchema
{
    public const string Mails = "email.mails";
}
