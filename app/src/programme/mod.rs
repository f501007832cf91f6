//! Setting up the programme (coordinators): the reference data every area, session and
//! library item refers to — districts, organisations, themes and indicator definitions —
//! and the "aan de slag" checklist a new installation follows from an empty database.
//!
//! Every screen here is for coordinators only; each file holds its types, validation,
//! server functions (`api`) and page (`pages`).

pub mod checklist;
pub mod districts;
pub mod indicators;
pub mod organisations;
pub mod themes;

/// The hub page with links to every set-up screen.
pub mod pages {
    use leptos::prelude::*;
    use leptos_meta::Title;

    /// `/beheer`
    #[component]
    pub fn SetupHubPage() -> impl IntoView {
        view! {
            <Title text="Beheer"/>
            <h1>"Beheer"</h1>
            <p class="lead">"Alles wat coördinatoren inrichten en bijhouden. Zonder SQL, gewoon hier in de browser."</p>
            <super::checklist::pages::Checklist/>
            <ul class="cards">
                <li class="card"><h2><a href="/gebieden/nieuw">"Gebied toevoegen"</a></h2><p>"Eén gebied met naam, stadsdeel, type en plek op de kaart, of "<a href="/gebieden/import">"veel tegelijk uit een CSV-bestand"</a>"."</p></li>
                <li class="card"><h2><a href="/beheer/stadsdelen">"Stadsdelen"</a></h2><p>"De stadsdelen waarin de gebieden liggen; ze zijn de filters van de lijst en de kaart."</p></li>
                <li class="card"><h2><a href="/beheer/organisaties">"Organisaties"</a></h2><p>"BIZ, ondernemersfondsen, verenigingen, vastgoedeigenaren en anderen, en in welke gebieden ze meedoen."</p></li>
                <li class="card"><h2><a href="/beheer/themas">"Thema's"</a></h2><p>"De thema's van opgaves, sessies en de kennisbank."</p></li>
                <li class="card"><h2><a href="/beheer/indicatoren">"Indicatoren"</a></h2><p>"Wat er gemeten wordt: naam, eenheid, welke kant beter is, bron."</p></li>
                <li class="card"><h2><a href="/monitor/import">"Cijfers importeren"</a></h2><p>"Metingen voor veel gebieden tegelijk uit een CSV-bestand."</p></li>
                <li class="card"><h2><a href="/beheer/stuurwiel">"Stuurwiel"</a></h2><p>"Het kader waarop gebieden worden beoordeeld."</p></li>
                <li class="card"><h2><a href="/beheer/sessies">"Sessies"</a></h2><p>"Themasessies, intervisie en werkplaatsen, met aanmeldingen."</p></li>
                <li class="card"><h2><a href="/beheer/gearchiveerd">"Gearchiveerde gebieden"</a></h2><p>"Gebieden die niet meer meedoen; ze zijn terug te zetten."</p></li>
                <li class="card"><h2><a href="/beheer/open-data">"Open data"</a></h2><p>"Uitgever, contactadres, licentie en hoe vaak de cijfers worden bijgewerkt."</p></li>
            </ul>
        }
    }
}
