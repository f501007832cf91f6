-- Reference data every installation needs. Coordinators may edit labels later.

INSERT INTO themes (key, label, description, position) VALUES
  ('vacancy',        'Aanpak leegstand',   'Leegstand voorkomen en verhelpen, transformatie van winkelpanden.', 1),
  ('public_space',   'Openbare ruimte',    'Inrichting, groen, schoon en heel, verblijfskwaliteit.', 2),
  ('branding',       'Branding',           'Het verhaal en de uitstraling van het gebied, marketing en evenementen.', 3),
  ('undermining',    'Ondermijning',       'Criminele inmenging in de legale economie herkennen en tegengaan.', 4),
  ('accessibility',  'Bereikbaarheid',     'Parkeren, fiets, openbaar vervoer en bevoorrading.', 5),
  ('sustainability', 'Verduurzaming',      'Energiebesparing, vergroening en circulair ondernemen.', 6),
  ('organisation',   'Samenwerking en organisatie', 'BIZ, ondernemersfonds, vereniging en gebiedsorganisatie.', 7),
  ('safety',         'Veiligheid',         'Sociale veiligheid, overlast en winkelcriminaliteit.', 8),
  ('sector_mix',     'Branchering',        'De mix van winkels, horeca en diensten.', 9);

INSERT INTO indicator_definitions (key, label, unit, direction, decimals, is_key, position, description) VALUES
  ('vacancy_outlets',   'Leegstand (verkooppunten)',   '%',       'lower_is_better',  1, 1, 1, 'Aandeel leegstaande verkooppunten.'),
  ('vacancy_floor',     'Leegstand (wvo)',             '%',       'lower_is_better',  1, 0, 2, 'Aandeel leegstaand winkelvloeroppervlak (m²).'),
  ('vacancy_long_term', 'Langdurige leegstand',        '%',       'lower_is_better',  1, 0, 3, 'Aandeel verkooppunten dat langer dan een jaar leegstaat.'),
  ('outlets',           'Verkooppunten',               'aantal',  'higher_is_better', 0, 1, 4, 'Aantal verkooppunten in detailhandel, horeca en diensten.'),
  ('footfall',          'Passanten (zaterdag)',        'per dag', 'higher_is_better', 0, 1, 5, 'Passantentelling op zaterdag op het drukste punt.'),
  ('rating',            'Rapportcijfer bezoekers',     'cijfer',  'higher_is_better', 1, 1, 6, 'Gemiddeld rapportcijfer (1–10) dat bezoekers het gebied geven.'),
  ('share_daily',       'Aandeel dagelijkse artikelen','%',       'neutral',          1, 0, 7, 'Branchering: boodschappen en persoonlijke verzorging.'),
  ('share_fashion',     'Aandeel mode en luxe',        '%',       'neutral',          1, 0, 8, 'Branchering: mode, schoenen, sieraden.'),
  ('share_leisure',     'Aandeel vrije tijd',          '%',       'neutral',          1, 0, 9, 'Branchering: sport, hobby, media.'),
  ('share_food_drink',  'Aandeel horeca',              '%',       'neutral',          1, 0, 10, 'Branchering: eten en drinken.'),
  ('share_services',    'Aandeel diensten',            '%',       'neutral',          1, 0, 11, 'Branchering: kappers, banken, reisbureaus.'),
  ('chain_share',       'Aandeel filialen',            '%',       'neutral',          1, 0, 12, 'Aandeel verkooppunten van ketens.');
