//! The derive macros of the `quytrinh` crate, re-exported there (`quytrinh::kernel`): the code
//! they write names its kernel (`::quytrinh::kernel::…`).
//!
//! [`TaggedDeserialize`] reads an internally tagged enum (`{"type": "confirm", …}`) without
//! serde's buffering when the tag comes first, which is how quytrinh writes every tagged object
//! and how hosts write them. serde's own derive for `#[serde(tag = "…")]` first copies the
//! whole object into a private buffer, then reads the variant from that copy: every command,
//! event and effect paid for two readings, and the WASM module carried a second decoder of
//! every variant.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::quote;
use syn::punctuated::Punctuated;
use syn::{
    Attribute, Data, DeriveInput, Error, Expr, Lit, Meta, Token, Variant, parse_macro_input,
};

/// `Deserialize` for an enum with `#[serde(tag = "…")]`, read with the tag first.
///
/// The enum keeps `#[derive(Serialize)]` and its `#[serde(...)]` attributes, which also tell
/// the JSON Schema and the TypeScript declaration its shape; this derive takes the place of
/// `Deserialize`. What it writes, beside the enum:
///
/// - the same variants as an externally tagged enum, `#[serde(remote = "…")]` so that serde's
///   own derive reads each variant by name straight into the enum, with every `#[serde]`
///   attribute of the enum (but its `tag`), of its variants and of their fields;
/// - `quytrinh::kernel::Tagged` (the tag's name, and reading the variant the tag names);
/// - `Deserialize`, which calls the kernel: when the object's first key is the tag, the variant
///   is read from the rest of the object as it streams by; otherwise the object is read whole
///   and read again with its tag first.
///
/// Used through `quytrinh::kernel::TaggedDeserialize` (see `quytrinh::kernel::Tagged`):
///
/// ```ignore
/// #[derive(Serialize, quytrinh::kernel::TaggedDeserialize)]
/// #[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
/// pub enum CompanionCommand {
///     RequestUnlink {},
///     Confirm { request_id: String },
/// }
/// ```
#[proc_macro_derive(TaggedDeserialize, attributes(serde))]
pub fn tagged_deserialize(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream2> {
    let name = &input.ident;
    let Data::Enum(data) = &input.data else {
        return Err(Error::new_spanned(name, "TaggedDeserialize is for enums"));
    };
    if !input.generics.params.is_empty() {
        return Err(Error::new_spanned(
            &input.generics,
            "TaggedDeserialize takes no generic parameters",
        ));
    }
    let (tag, container) = split_tag(&input.attrs)?;
    let remote = name.to_string();
    let expecting = format!("internally tagged enum {name}");
    let variants = data.variants.iter().map(shadow_variant);
    Ok(quote! {
        const _: () = {
            #[derive(::serde::Deserialize)]
            #[serde(remote = #remote)]
            #(#[serde(#container)])*
            #[allow(dead_code)]
            enum Shadow {
                #(#variants),*
            }

            impl ::quytrinh::kernel::Tagged for #name {
                const TAG: &'static str = #tag;
                const EXPECTING: &'static str = #expecting;

                fn deserialize_variant<'de, D: ::serde::Deserializer<'de>>(
                    variant: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    Shadow::deserialize(variant)
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    ::quytrinh::kernel::deserialize_tagged(deserializer)
                }
            }
        };
    })
}

/// The enum's tag (`tag = "…"` in its `#[serde(...)]`), and its other serde attributes.
fn split_tag(attrs: &[Attribute]) -> syn::Result<(String, Vec<Meta>)> {
    let mut tag = None;
    let mut rest = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        for meta in attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)? {
            match &meta {
                Meta::NameValue(pair) if pair.path.is_ident("tag") => {
                    let Expr::Lit(lit) = &pair.value else {
                        return Err(Error::new_spanned(&pair.value, "a tag is a string"));
                    };
                    let Lit::Str(text) = &lit.lit else {
                        return Err(Error::new_spanned(lit, "a tag is a string"));
                    };
                    tag = Some(text.value());
                }
                _ => rest.push(meta),
            }
        }
    }
    let tag = tag.ok_or_else(|| {
        Error::new(
            proc_macro2::Span::call_site(),
            "TaggedDeserialize needs #[serde(tag = \"…\")]",
        )
    })?;
    Ok((tag, rest))
}

/// A variant as serde reads it: its fields and the `#[serde]` and `#[cfg]` attributes of the
/// variant and its fields; the rest (documentation, schemars, tsify, uniffi) means nothing to
/// a reading.
fn shadow_variant(variant: &Variant) -> TokenStream2 {
    let mut variant = variant.clone();
    variant.attrs.retain(read_by_serde);
    for field in &mut variant.fields {
        field.attrs.retain(read_by_serde);
    }
    quote!(#variant)
}

fn read_by_serde(attr: &Attribute) -> bool {
    attr.path().is_ident("serde") || attr.path().is_ident("cfg")
}
