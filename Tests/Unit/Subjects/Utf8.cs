using System.Text;

namespace Natrium.Tests.Unit.Subjects;

internal static class Utf8
{
    // Subjects stay bytes in the product; tests write them as strings for readability.
    public static byte[] B(string subject) => Encoding.UTF8.GetBytes(subject);
}
