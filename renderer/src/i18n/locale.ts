// The locale codes alone, so that the UI store can name them without importing the catalogue
// (which itself reads the store's locale).
export type Locale = 'en' | 'vi';
