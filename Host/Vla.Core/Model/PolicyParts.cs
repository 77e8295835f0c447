using Vla.Abstractions;
using Vla.Core.Plugins;

namespace Vla.Core.Model;

/// <summary>
/// The recipe's parts resolved from the catalog and checked as a combination before any module is built, so a
/// wrong recipe fails in milliseconds with a message naming the field and the valid choices.
/// </summary>
internal sealed record PolicyParts(IDecoderFactory Decoder, IActionHeadFactory Head, IConditioningFactory Conditioning)
{
    public static PolicyParts Resolve(Recipe recipe, PartCatalog catalog)
    {
        var decoder = catalog.Decoder(recipe.Decoder);
        var head = catalog.Head(recipe.Head);
        var conditioning = catalog.Conditioning(recipe.Conditioning);
        if (decoder.RequiresTokenHead && !head.EmitsTokens)
        {
            var tokenHeads = catalog.Parts.Where(p => p.Kind == PartKind.Head && catalog.Head(p.Name).EmitsTokens)
                .Select(p => p.Name);
            throw new RecipeException("head",
                $"the '{recipe.Decoder}' decoder feeds predicted tokens back, but '{recipe.Head}' predicts continuous actions",
                $"with '{recipe.Decoder}' use a token head ({string.Join(", ", tokenHeads)}); " +
                $"continuous heads need a decoder such as 'parallel'");
        }
        return new PolicyParts(decoder, head, conditioning);
    }
}
