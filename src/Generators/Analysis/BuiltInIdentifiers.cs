using System.Collections.Generic;
using System.Linq;

namespace Layers.Generators.Analysis;

/// <summary>
/// Keras' built-in identifiers that the runtime registers (<c>src/Runtime/Saving/BuiltIns.cs</c>), checked at
/// compile time. The runtime resolves an identifier by turning it into its class name (<c>glorot_uniform</c> →
/// <c>GlorotUniform</c>); the class names themselves are accepted too. Keep the lists in step with BuiltIns.
/// </summary>
internal static class BuiltInIdentifiers
{
    public static readonly ObjectKind Initializer = new("initializer", "Initializer", "global::Layers.Initializers.Get", new[]
    {
        "constant", "glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "identity", "lecun_normal", "lecun_uniform",
        "ones", "orthogonal", "random_normal", "random_uniform", "truncated_normal", "variance_scaling", "zeros",
    });

    public static readonly ObjectKind Regularizer = new("regularizer", "Regularizer", "global::Layers.Regularizers.Get", new[]
    {
        "l1", "l1_l2", "l2",
    });

    public static readonly ObjectKind Constraint = new("constraint", "Constraint", "global::Layers.Constraints.Get", new[]
    {
        "max_norm", "min_max_norm", "non_neg", "unit_norm",
    });

    /// <summary>One kind of object a weight argument names: its identifiers and the runtime lookup that resolves them.</summary>
    internal sealed class ObjectKind
    {
        private readonly HashSet<string> _accepted;

        public ObjectKind(string kind, string typeName, string lookup, string[] identifiers)
        {
            Kind = kind;
            TypeName = typeName;
            Lookup = lookup;
            Identifiers = identifiers;
            _accepted = new HashSet<string>(identifiers.Concat(identifiers.Select(ToClassName)));
            KnownList = string.Join(", ", identifiers.Select(i => "\"" + i + "\""));
        }

        public string Kind { get; }

        /// <summary>The runtime base type a member must have for <c>nameof(Member)</c>.</summary>
        public string TypeName { get; }

        public string Lookup { get; }

        public IReadOnlyList<string> Identifiers { get; }

        public string KnownList { get; }

        public bool IsKnown(string identifier) => _accepted.Contains(identifier);
    }

    private static string ToClassName(string identifier) =>
        string.Concat(identifier.Split('_').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part.Substring(1)));
}
