using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application;

/// <summary>An erased user is gone for every change: the unit of work answers as for a user that does not exist (404).</summary>
public static class UserPresence
{
    public static bool IsPresent(User user) => !user.Erased;
}
