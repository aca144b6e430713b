namespace Natrium.Tests.TestKit;

/// Files of the repository (examples, fixtures), found from the test binaries upwards.
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "Silo", "examples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
