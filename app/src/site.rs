//! Pages that belong to no single capability: home, not found, privacy, accessibility.

use crate::ui::layout::set_status;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="Welkom"/>
        <h1>"Kernpunt: samen werken aan vitale kerngebieden"</h1>
        <crate::programme::checklist::pages::Checklist/>
        <p class="lead">
            "Gemeente, ondernemers en vastgoedeigenaren werken samen aan winkelstraten, wijk- en "
            "stadsdeelcentra waar het goed ondernemen, ontmoeten en verblijven is. Kernpunt laat zien "
            "hoe elk gebied ervoor staat en helpt iedereen van elkaar te leren."
        </p>
        <ul class="cards">
            <li class="card">
                <h2><a href="/gebieden">"Gebieden"</a></h2>
                <p>"Het verhaal, de opgaves en de cijfers van elk kerngebied: leegstand, verkooppunten, passanten en rapportcijfer."</p>
            </li>
            <li class="card">
                <h2><a href="/sessies">"Sessies"</a></h2>
                <p>"Elke maand een digitale themasessie, intervisie met een gebied als casus en werkplaatsen. Meld u aan zonder account."</p>
            </li>
            <li class="card">
                <h2><a href="/kennisbank">"Kennisbank"</a></h2>
                <p>"Instrumenten, praktijkvoorbeelden, onderzoek en verslagen van eerdere sessies."</p>
            </li>
        </ul>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_status(404);
    view! {
        <Title text="Pagina niet gevonden"/>
        <h1>"Pagina niet gevonden"</h1>
        <p>"Deze pagina bestaat niet. Misschien is de link verouderd of zit er een typfout in het adres."</p>
        <ul>
            <li><a href="/">"Naar de startpagina"</a></li>
            <li><a href="/gebieden">"Bekijk alle gebieden"</a></li>
        </ul>
    }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let retention = Resource::new(|| (), |_| crate::sessions::api::retention_period());
    view! {
        <Title text="Privacy"/>
        <h1>"Privacyverklaring"</h1>
        <p>"Kernpunt toont openbare informatie over kerngebieden. Voor het bekijken van gebieden hoeft u niets over uzelf in te vullen en gebruiken we geen tracking-cookies of diensten van derden."</p>
        <h2>"Aanmelden voor sessies"</h2>
        <p>"Als u zich aanmeldt voor een sessie, vragen we alleen wat nodig is om de sessie te organiseren: naam, e-mailadres, organisatie en rol. We vragen daarvoor uitdrukkelijk uw toestemming. Namen van deelnemers worden nooit openbaar getoond; alleen de coördinatoren zien de deelnemerslijst."</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let days = retention.await.unwrap_or(crate::sessions::RETENTION_DAYS);
                view! {
                    <p id="bewaartermijn">{format!(
                        "Bewaartermijn: {days} dagen na de sessie verwijderen we uw naam, e-mailadres, organisatie en vraag automatisch, en werkt uw persoonlijke link niet meer. We bewaren alleen aantallen (hoeveel mensen zich aanmeldden, op de wachtlijst stonden en kwamen), zonder namen. Mails over uw aanmelding bewaren we ook niet langer dan {days} dagen."
                    )}</p>
                }
            })}
        </Suspense>
        <h2>"Uw aanmeldingen opvragen"</h2>
        <p>"Op "<a href="/mijn-aanmeldingen">"Mijn aanmeldingen"</a>" kunt u een overzicht van uw aanmeldingen laten mailen. We sturen het alleen naar het adres zelf, met voor elke aanmelding een nieuwe persoonlijke link en een persoonlijk agenda-abonnement; van die links bewaren we alleen een onherkenbare vorm (een hash). Om te voorkomen dat iemand een inbox volstuurt, bewaren we een dag lang een hash van het adres en het IP-adres van elke aanvraag. Het agenda-abonnement verdwijnt als er bij het adres geen aanmeldingen meer zijn."</p>
        <h2>"Opgaves voorstellen en steunen"</h2>
        <p>"Wie een opgave voorstelt of een voorstel steunt, geeft een naam en e-mailadres op; die zijn nooit openbaar. Bij een voorstel zijn uw rol en (als u die opgeeft) uw organisatie wel openbaar; bij steun alleen het aantal. Een voorstel of steun telt pas na bevestiging via de link in een mail; wat niet binnen 7 dagen is bevestigd, verwijderen we. Als de coördinator over een voorstel besluit, krijgen de indiener en wie het steunde daarover één mail. Naam en adres worden 90 dagen na dat besluit verwijderd; het aantal steunbetuigingen blijft. Om misbruik te beperken bewaren we het IP-adres één dag."</p>
        <h2>"Volgen per mail"</h2>
        <p>"Wie een gebied, een thema of de nieuwe sessies volgt, geeft alleen een e-mailadres op. We sturen eerst één mail om dat te bevestigen; zonder bevestiging sturen we niets en verwijderen we het adres na 7 dagen. Elke mail heeft een link om met één klik af te melden en een link naar een pagina waar u regelt wat u volgt. Na afmelden verwijderen we uw adres meteen, en mail die nog niet verstuurd was gaat niet meer weg. Om misbruik te beperken bewaren we het IP-adres van een aanvraag één dag."</p>
        <h2>"Onderwerpen voorstellen en stemmen"</h2>
        <p>"Wie een onderwerp voor een sessie voorstelt, geeft een naam en e-mailadres op. Alleen de coördinatoren zien die, om contact op te nemen over het onderwerp; als de coördinatoren het onderwerp inplannen of afwijzen, krijgt u daarover één mail (met de sessie of de reden). Naam en adres worden 90 dagen na het voorstel verwijderd. Wie stemt, krijgt een cookie met een willekeurige code, zodat elke stem één keer telt; er staat niets over u in. Om misbruik te beperken bewaren we het IP-adres van voorstellen en stemmen één dag."</p>
        <h2>"Uw rechten"</h2>
        <p>"U kunt de gemeente vragen welke gegevens over u zijn vastgelegd en vragen deze te corrigeren of te verwijderen."</p>
    }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <Title text="Toegankelijkheid"/>
        <h1>"Toegankelijkheidsverklaring"</h1>
        <p>"Kernpunt wil voor iedereen bruikbaar zijn en streeft naar de eisen van WCAG 2.1 niveau AA (EN 301 549), zoals voor Nederlandse overheidswebsites geldt."</p>
        <h2>"Wat we doen"</h2>
        <ul>
            <li>"Elke pagina werkt ook zonder JavaScript en met alleen een toetsenbord."</li>
            <li>"Grafieken hebben een tabel met dezelfde cijfers als alternatief."</li>
            <li>"Kleur is nooit de enige drager van informatie: veranderingen staan ook in woorden."</li>
            <li>"Bij elke wijziging controleren we automatisch de pagina's met axe-core."</li>
        </ul>
        <h2>"Iets werkt niet?"</h2>
        <p>"Meld het ons via de coördinator van uw gebied. We reageren binnen vijf werkdagen."</p>
    }
}
