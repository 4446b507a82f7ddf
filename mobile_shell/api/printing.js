/** Print settings: what the printed order and delivery note show (screens/print_settings.js). */

export const PRINT_SETTINGS_FIELDS = `fragment PrintSettingsFields on PrintSettings {
  kind showPrices showDiscounts showAmounts showRemarks amountInWords headerText footerText signatureText customised
}`;
export const PRINT_SETTINGS = `query PrintSettings($kind: PrintSettingsKind!) { printSettings(kind: $kind) { ...PrintSettingsFields } }` + PRINT_SETTINGS_FIELDS;
export const PRINT_SETTINGS_SAVE = `mutation PrintSettingsSave($input: PrintSettingsInput!) {
  printSettingsSave(input: $input) { settings { ...PrintSettingsFields } errors { field code message } }
}` + PRINT_SETTINGS_FIELDS;
export const PRINT_SETTINGS_RESET = `mutation PrintSettingsReset($kind: PrintSettingsKind!) {
  printSettingsReset(kind: $kind) { settings { ...PrintSettingsFields } errors { field code message } }
}` + PRINT_SETTINGS_FIELDS;
