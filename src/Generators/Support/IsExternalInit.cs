// Records with init-only members compile for netstandard2.0 only when this type exists.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
